package io.servicetsunami.core.task;

import io.servicetsunami.ports.model.AgentMemory;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of an agent's memories matter most for a task.
 *
 * <p>Only memories of importance at least {@value #MIN_IMPORTANCE} are recalled, at most {@value
 * #LIMIT}. The repository is asked for the {@value #CANDIDATE_POOL} most important ones; those are
 * re-ranked by <em>relevance</em> = importance + {@value #OVERLAP_WEIGHT} × (share of the
 * objective's keywords that the memory mentions). Keywords are the objective's words of three or
 * more letters or digits, lower-cased, without common English stop words. Ties go to the more
 * important, then the newer memory, then the smaller id. A memory outside the candidate pool is not
 * recalled however relevant it is: the pool bounds the work a recall does.
 */
final class MemoryRelevance {

  static final double MIN_IMPORTANCE = 0.3;
  static final int LIMIT = 5;
  static final int CANDIDATE_POOL = 50;
  static final double OVERLAP_WEIGHT = 0.5;

  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "with", "that", "this", "from", "into", "about", "are", "was",
          "were", "has", "have", "had", "not", "but", "all", "any", "can", "will", "would",
          "should", "could", "its", "our", "your", "their", "them", "they", "you", "what", "which",
          "who", "when", "where", "how", "why", "each", "per", "than", "then", "there", "these",
          "those", "also", "only", "please", "make", "use");

  private MemoryRelevance() {}

  /** A memory with the relevance it was ranked by. */
  record Ranked(AgentMemory memory, double relevance) {}

  /** The at most {@value #LIMIT} most relevant of {@code candidates} for {@code objective}. */
  static List<Ranked> rank(String objective, List<AgentMemory> candidates) {
    Set<String> wanted = keywords(objective);
    return candidates.stream()
        .filter(m -> m.importance() >= MIN_IMPORTANCE)
        .map(m -> new Ranked(m, relevance(wanted, m)))
        .sorted(
            Comparator.comparingDouble(Ranked::relevance)
                .reversed()
                .thenComparing(r -> r.memory().importance(), Comparator.reverseOrder())
                .thenComparing(r -> r.memory().createdAt(), Comparator.reverseOrder())
                .thenComparing(r -> r.memory().id().toString()))
        .limit(LIMIT)
        .toList();
  }

  static Set<String> keywords(String text) {
    Set<String> words = new HashSet<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  private static double relevance(Set<String> wanted, AgentMemory memory) {
    if (wanted.isEmpty()) {
      return memory.importance();
    }
    Set<String> shared = keywords(memory.content());
    shared.retainAll(wanted);
    return memory.importance() + OVERLAP_WEIGHT * shared.size() / wanted.size();
  }
}
