package io.servicetsunami.core.pipeline;

import io.servicetsunami.ports.model.Dataset;
import io.servicetsunami.ports.model.PipelineId;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

/**
 * Names the lakehouse tables that datasets and connector tables land in.
 *
 * <p>A dataset's table is the dataset's name made safe as a SQL identifier in every engine we
 * target — accents stripped, lower case, every run of other characters turned into one {@code _},
 * at most {@value #MAX_STEM} characters, starting with a letter ({@code ds_} is put in front
 * otherwise, {@code dataset} stands in for a name with nothing usable) — followed by {@code _} and
 * the last 12 hex digits of the dataset id. The suffix keeps two datasets of the same name apart
 * (they are the random part of a random UUID); the stem keeps the table recognisable in the
 * lakehouse. The result matches {@code [a-z][a-z0-9_]*} and is at most 53 characters, below
 * PostgreSQL's 63.
 *
 * <p>A connector table's is formed the same way from the source table's name and the pipeline's id,
 * so that two pipelines of a tenant reading a table of the same name never share bronze or silver.
 */
public final class LakehouseTables {

  static final int MAX_STEM = 40;
  private static final int SUFFIX_DIGITS = 12;

  private LakehouseTables() {}

  public static String of(Dataset dataset) {
    return named(dataset.name(), dataset.id().value());
  }

  public static String of(PipelineId pipeline, String sourceTable) {
    return named(sourceTable, pipeline.value());
  }

  private static String named(String name, UUID id) {
    String hex = id.toString().replace("-", "");
    return stem(name) + "_" + hex.substring(hex.length() - SUFFIX_DIGITS);
  }

  static String stem(String name) {
    String plain =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    if (plain.isEmpty()) {
      plain = "dataset";
    } else if (!Character.isLetter(plain.charAt(0))) {
      plain = "ds_" + plain;
    }
    if (plain.length() > MAX_STEM) {
      plain = plain.substring(0, MAX_STEM).replaceAll("_+$", "");
    }
    return plain;
  }
}
