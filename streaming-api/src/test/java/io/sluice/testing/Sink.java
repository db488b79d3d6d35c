package io.sluice.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A thread-safe collector that user functions (run in tasks or streaming jobs) can add to. Functions
 * are serialized, so the sink itself is only a key. With {@code local[N]} the key names an in-memory
 * queue of this JVM; when the tests run on {@code local-cluster} (tasks in other processes) it names
 * a directory where every added value is a file, so adds from executor processes are seen too.
 */
public final class Sink<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Object>> REGISTRY = new ConcurrentHashMap<>();
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final String key;
  private final String directory; // null: in-memory

  private Sink(String key, String directory) {
    this.key = key;
    this.directory = directory;
  }

  public static <T> Sink<T> create() {
    String key = UUID.randomUUID().toString();
    if (TestMasters.operations().startsWith("local-cluster")) {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sluice-test-sinks", key);
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Sink<>(key, dir.toString());
    }
    REGISTRY.put(key, new ConcurrentLinkedQueue<>());
    return new Sink<>(key, null);
  }

  public void add(T value) {
    if (directory == null) {
      queue().add(value);
      return;
    }
    // Named so that a listing sorts in the order of adds within one process.
    String name = String.format("%019d-%d-%d", System.nanoTime(), ProcessHandle.current().pid(),
        SEQUENCE.incrementAndGet());
    try {
      Path dir = existingDirectory();
      Path temp = Files.createTempFile(dir, ".add-", ".tmp");
      Files.write(temp, serialize(value));
      Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything added so far, in the order it was added (within each process). */
  @SuppressWarnings("unchecked")
  public List<T> values() {
    if (directory == null) {
      return new ArrayList<>((Queue<T>) (Queue<?>) queue());
    }
    try (Stream<Path> files = Files.list(existingDirectory())) {
      List<T> values = new ArrayList<>();
      for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(Path::toString)).toList()) {
        values.add((T) deserialize(Files.readAllBytes(file)));
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything added so far, sorted by string form. */
  public List<T> sortedValues() {
    List<T> values = values();
    values.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    return values;
  }

  public int size() {
    return values().size();
  }

  public void release() {
    if (directory == null) {
      REGISTRY.remove(key);
      return;
    }
    try (Stream<Path> files = Files.walk(Path.of(directory))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path existingDirectory() {
    Path dir = Path.of(directory);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("Sink " + key + " was released");
    }
    return dir;
  }

  private Queue<Object> queue() {
    Queue<Object> queue = REGISTRY.get(key);
    if (queue == null) {
      throw new IllegalStateException("Sink " + key + " was released");
    }
    return queue;
  }

  private static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) throws IOException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }
}
