package io.servicetsunami.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://db.internal:5432/servicetsunami",
        "jdbc:postgresql://db.internal/servicetsunami?user=app&password=s3cret&sslmode=require",
        "jdbc:postgresql://host1:5432,host2:5433/app?targetServerType=primary",
      })
  void jdbcUrlsArePassedToTheDriverUnchanged(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);

    assertThat(parsed.jdbcUrl()).isEqualTo(url);
    assertThat(parsed.user()).isEmpty();
    assertThat(parsed.password()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgresql://app:s3cret@db.internal:5433/servicetsunami"
            + " | jdbc:postgresql://db.internal:5433/servicetsunami | app | s3cret",
        "postgres://app:s3cret@db.internal/servicetsunami"
            + " | jdbc:postgresql://db.internal:5432/servicetsunami | app | s3cret",
        "postgresql+psycopg2://app:s3cret@db:5432/st"
            + " | jdbc:postgresql://db:5432/st | app | s3cret",
        "postgresql+asyncpg://app:s3cret@db:5432/st?sslmode=require"
            + " | jdbc:postgresql://db:5432/st?sslmode=require | app | s3cret",
        "POSTGRESQL://App:pw@DB:5432/st | jdbc:postgresql://DB:5432/st | App | pw",
        "postgresql://app:p%40ss%3Aw%2Fo%25rd%20+x@db:5432/st"
            + " | jdbc:postgresql://db:5432/st | app | p@ss:w/o%rd +x",
        "postgresql://us%C3%A9r:%F0%9F%94%91@db/st | jdbc:postgresql://db:5432/st | usér | \uD83D\uDD11",
        "postgresql://app:p@ss@db:5432/st | jdbc:postgresql://db:5432/st | app | p@ss",
        "postgresql://app:@db/st | jdbc:postgresql://db:5432/st | app | ''",
        "postgresql://[::1]:6543/st | jdbc:postgresql://[::1]:6543/st | | ",
        "  postgresql://app@localhost/st  | jdbc:postgresql://localhost:5432/st | app | ",
      })
  void libpqStyleUrlsBecomeJdbcUrlsWithDecodedCredentials(
      String url, String jdbc, String user, String password) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);

    assertThat(parsed.jdbcUrl()).isEqualTo(jdbc);
    assertThat(parsed.user()).isEqualTo(Optional.ofNullable(user));
    assertThat(parsed.password()).isEqualTo(Optional.ofNullable(password));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mysql://app:s3cret@db:3306/st",
        "postgresql://app:s3cret@db:5432",
        "postgresql://app:s3cret@db:5432/",
        "postgresql://app:s3cret@:5432/st",
        "postgresql://app:s3cret@db:port/st",
        "postgresql://app:bad%zzsecret@db/st",
        "",
      })
  void anythingElseIsRefusedWithoutShowingThePassword(String url) {
    assertThatThrownBy(() -> DatabaseUrl.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("secret");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgresql://app:s3cret@db:5432/st | postgresql://app:***@db:5432/st",
        "jdbc:postgresql://db/st?user=app&password=s3cret&ssl=true"
            + " | jdbc:postgresql://db/st?user=app&password=***&ssl=true",
      })
  void redactionHidesThePassword(String url, String redacted) {
    assertThat(DatabaseUrl.redacted(url)).isEqualTo(redacted);
    assertThat(DatabaseUrl.parse(url).toString()).doesNotContain("s3cret");
  }
}
