package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void theDefaultVocabularyIsTheWordCountBenchmarksThousandWords() {
    List<String> words = Vocabulary.of(1000).words();
    assertEquals(Vocabulary.WORDS, words);
    assertEquals("kakaka", words.get(0));
    assertEquals("kalomi", words.get(12));
    assertEquals("pupupu", words.get(999));
  }

  @Test
  void tenThousandWordsAreDistinctEightLetterWords() {
    Vocabulary vocabulary = Vocabulary.of(10_000);
    assertEquals(10_000, new HashSet<>(vocabulary.words()).size());
    assertTrue(vocabulary.words().stream().allMatch(w -> w.matches("[a-z]{8}")));
    assertEquals("kakalomi", vocabulary.words().get(12));
    assertEquals("kakalomi", new String(vocabulary.utf8(12), StandardCharsets.UTF_8));
  }

  @Test
  void smallVocabulariesKeepThreeSyllablesAndOddSizesWork() {
    assertEquals(List.of("kakaka", "kakalo"), Vocabulary.of(2).words());
    assertEquals(1001, new HashSet<>(Vocabulary.of(1001).words()).size());
    assertTrue(Vocabulary.of(1001).words().stream().allMatch(w -> w.length() == 8));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.of(0));
  }

  @Test
  void theServerDrawsFromTheChosenVocabulary() throws Exception {
    try (FullSpeedLineServer server = new FullSpeedLineServer(10_000, 3, 20_000);
         java.net.Socket socket = new java.net.Socket(server.host(), server.port())) {
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (int i = 0; i < 100; i++) {
        for (String word : in.readLine().split(" ")) {
          assertTrue(word.matches("[a-z]{8}"), word);
        }
      }
    }
  }
}
