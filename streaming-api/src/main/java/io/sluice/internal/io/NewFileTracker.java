package io.sluice.internal.io;

import io.sluice.api.function.Function;
import io.sluice.core.SluiceException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files of a monitored directory each batch of a file stream processes. Rules:
 * <ul>
 *   <li>Only plain files directly in the directory count; subdirectories are ignored.</li>
 *   <li>Hidden and temporary files are ignored: names starting with {@code .} or {@code _}, or ending
 *       with {@code ._COPYING_} (hadoop fs -put) or {@code .tmp}. Files must appear atomically, e.g.
 *       written elsewhere (or under such a name) and then renamed into place.</li>
 *   <li>Files present when the stream starts ({@link #initialize}) are never processed.</li>
 *   <li>A file (by path) is selected at most once while it is remembered. Files are remembered
 *       until their modification time falls more than {@code rememberMs} behind the newest
 *       modification time seen in the directory; files older than that are ignored, so a forgotten
 *       file is never selected again unless it is modified anew.</li>
 * </ul>
 * By default only the file system's modification times are compared, never the batch time, so
 * batches driven by a manual clock behave like real ones; batches on the real clock also bound
 * each batch by its time (see {@link #findNewFiles(FileSystem, long, boolean)}).
 *
 * <p>All state is serializable, for stream checkpoints. Methods are synchronized: batches are
 * generated on one thread, but checkpoints may be written from another.
 */
public final class NewFileTracker implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(NewFileTracker.class);

  /** How long files are remembered unless configured (sluice.streaming.fileStream.minRememberDuration). */
  public static final long DEFAULT_REMEMBER_MS = 60_000L;

  private static final Comparator<FileStatus> BY_TIME_THEN_NAME = Comparator
      .comparingLong(FileStatus::getModificationTime).thenComparing(s -> s.getPath().toString());

  private final String directory;
  private final long rememberMs;
  private final Function<String, Boolean> filter;
  // Path -> newest modification time seen; files present at the start, and files selected since.
  private final Map<String, Long> initialFiles = new HashMap<>();
  private final Map<String, Long> selectedFiles = new HashMap<>();
  private final TreeMap<Long, List<String>> filesByBatch = new TreeMap<>();
  private long newestModTime = Long.MIN_VALUE;
  private boolean initialized;

  /**
   * @param filter receives each candidate's fully qualified path and returns whether to process it;
   *     null accepts every file. Must be serializable (it goes into checkpoints).
   */
  public NewFileTracker(String directory, long rememberMs, Function<String, Boolean> filter) {
    if (rememberMs < 0) {
      throw new SluiceException("File stream remember duration must not be negative, got " + rememberMs + " ms");
    }
    this.directory = directory;
    this.rememberMs = rememberMs;
    this.filter = filter;
  }

  public NewFileTracker(String directory, Function<String, Boolean> filter) {
    this(directory, DEFAULT_REMEMBER_MS, filter);
  }

  /** Fails unless {@code dir} exists and is a directory; called when the stream starts. */
  public static void checkDirectory(FileSystem fs, String dir) {
    FileStatus status;
    try {
      status = fs.getFileStatus(new Path(dir));
    } catch (FileNotFoundException e) {
      throw new SluiceException("File stream directory " + dir + " does not exist", e);
    } catch (IOException e) {
      throw new SluiceException("Cannot check file stream directory " + dir + ": " + e.getMessage(), e);
    }
    if (!status.isDirectory()) {
      throw new SluiceException("File stream directory " + dir + " is not a directory");
    }
  }

  /** Whether a file name marks a hidden or still-being-written file, which streams never read. */
  public static boolean isHiddenOrTemporary(String name) {
    return name.startsWith(".") || name.startsWith("_") || name.endsWith("._COPYING_") || name.endsWith(".tmp");
  }

  /** Whether {@link #initialize} ran (a tracker recovered from a checkpoint already has). */
  public synchronized boolean isInitialized() {
    return initialized;
  }

  /** Records the files present now: the stream ignores them. Call once, when the stream starts. */
  public synchronized void initialize(FileSystem fs) {
    List<FileStatus> present = listCandidates(fs);
    for (FileStatus file : present) {
      initialFiles.merge(file.getPath().toString(), file.getModificationTime(), Math::max);
      newestModTime = Math.max(newestModTime, file.getModificationTime());
    }
    initialized = true;
    log.info("File stream on {}: ignoring {} files present at start", directory, present.size());
  }

  /**
   * The files that appeared since the last call, fully qualified, ordered by modification time then
   * path; they are remembered as the files of {@code batchTimeMs}. Asking again for a batch that is
   * still remembered returns the same files without listing the directory.
   */
  public synchronized List<String> findNewFiles(FileSystem fs, long batchTimeMs) {
    return findNewFiles(fs, batchTimeMs, false);
  }

  /**
   * Like {@link #findNewFiles(FileSystem, long)}; with {@code boundedByBatchTime} (batches on the
   * real clock) a batch takes only files modified at or before its time, and the remember window
   * ends at the batch time. Then the batches a recovering driver regenerates each get the files of
   * their own interval, as the guide's recovery table shows, and no file that arrived during a long
   * outage falls out of the window before its batch.
   */
  public synchronized List<String> findNewFiles(FileSystem fs, long batchTimeMs, boolean boundedByBatchTime) {
    if (!initialized) {
      throw new IllegalStateException("File stream tracker of " + directory + " was not initialized");
    }
    List<String> known = filesByBatch.get(batchTimeMs);
    if (known != null) {
      return known;
    }
    List<FileStatus> candidates = listCandidates(fs);
    if (boundedByBatchTime) {
      candidates.removeIf(file -> file.getModificationTime() > batchTimeMs);
    }
    for (FileStatus file : candidates) {
      newestModTime = Math.max(newestModTime, file.getModificationTime());
    }
    long threshold = boundedByBatchTime ? Math.min(threshold(), batchTimeMs - rememberMs) : threshold();
    List<FileStatus> fresh = new ArrayList<>();
    for (FileStatus file : candidates) {
      String path = file.getPath().toString();
      long modTime = file.getModificationTime();
      if (initialFiles.computeIfPresent(path, (p, t) -> Math.max(t, modTime)) != null
          || selectedFiles.computeIfPresent(path, (p, t) -> Math.max(t, modTime)) != null) {
        continue; // seen before; a touched file keeps being remembered from its newest time
      }
      if (modTime >= threshold && accepts(path)) {
        fresh.add(file);
      }
    }
    fresh.sort(BY_TIME_THEN_NAME);
    List<String> selected = new ArrayList<>(fresh.size());
    for (FileStatus file : fresh) {
      selected.add(file.getPath().toString());
      selectedFiles.put(file.getPath().toString(), file.getModificationTime());
    }
    forgetOldFiles(threshold);
    List<String> result = Collections.unmodifiableList(selected);
    filesByBatch.put(batchTimeMs, result);
    log.debug("File stream on {}: batch {} gets {} new files (remembering {})", directory, batchTimeMs,
        result.size(), selectedFiles.size() + initialFiles.size());
    return result;
  }

  /** The files selected for each batch still remembered, by batch time. */
  public synchronized Map<Long, List<String>> filesByBatch() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(filesByBatch));
  }

  /** Forgets which files batches before {@code timeMs} had (the files themselves stay remembered). */
  public synchronized void forgetBatchesBefore(long timeMs) {
    filesByBatch.headMap(timeMs, false).clear();
  }

  /** How many file paths are remembered (files present at start and selected files). */
  public synchronized int rememberedFileCount() {
    return initialFiles.size() + selectedFiles.size();
  }

  public String directory() {
    return directory;
  }

  public long rememberMs() {
    return rememberMs;
  }

  private long threshold() {
    return newestModTime == Long.MIN_VALUE ? Long.MIN_VALUE : newestModTime - rememberMs;
  }

  private void forgetOldFiles(long threshold) {
    initialFiles.values().removeIf(modTime -> modTime < threshold);
    selectedFiles.values().removeIf(modTime -> modTime < threshold);
  }

  private boolean accepts(String path) {
    if (filter == null) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(filter.call(path));
    } catch (Exception e) {
      throw new SluiceException("The file filter of the file stream on " + directory + " failed on " + path
          + ": " + e, e);
    }
  }

  /** Plain, visible files directly in the directory. */
  private List<FileStatus> listCandidates(FileSystem fs) {
    Path dir = fs.makeQualified(new Path(directory));
    FileStatus[] listed;
    try {
      listed = fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      throw new SluiceException("File stream directory " + directory + " does not exist", e);
    } catch (IOException e) {
      throw new SluiceException("Cannot list file stream directory " + directory + ": " + e.getMessage(), e);
    }
    List<FileStatus> files = new ArrayList<>(listed.length);
    for (FileStatus status : listed) {
      if (status.isFile() && !isHiddenOrTemporary(status.getPath().getName())) {
        files.add(status);
      }
    }
    return files;
  }

  private synchronized void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject(); // under the lock, so a checkpoint never sees a half-updated tracker
  }
}
