package io.sluice.yarn;

import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * A file in the staging directory (or the shared jar cache) that YARN copies into every container
 * of the application before starting it, under {@code name} in the container's working directory.
 *
 * @param uri fully qualified ({@code hdfs://nn:port/...})
 * @param size and {@code modificationTime} as the file system reports them: YARN refuses to
 *     localize a file that changed since submission
 * @param archive unpacked into a directory called {@code name} instead of copied
 */
public record StagedFile(String name, String uri, long size, long modificationTime, boolean archive) {

  public LocalResource toLocalResource() {
    return LocalResource.newInstance(URL.fromURI(java.net.URI.create(uri)),
        archive ? LocalResourceType.ARCHIVE : LocalResourceType.FILE, LocalResourceVisibility.APPLICATION,
        size, modificationTime);
  }
}
