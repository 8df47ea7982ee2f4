package io.servicetsunami.adapters.persistence;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * Runs each repository call as one transaction on a stateless session, and translates whatever the
 * database throws into the ports' error family. Repositories map rows to records themselves, so a
 * persistence context (dirty checking, caches, lazy loading) would only cost time.
 */
final class Transactions {

  private final SessionFactory sessions;

  Transactions(SessionFactory sessions) {
    this.sessions = requireNonNull(sessions, "sessions is null");
  }

  /**
   * The result of {@code work}, run in a transaction that commits when it returns and rolls back
   * when it throws.
   *
   * @param what what the call does, for error messages ("updating a task")
   */
  <R> R call(String what, Function<StatelessSession, R> work) {
    try {
      return sessions.fromStatelessTransaction(work);
    } catch (RuntimeException failure) {
      throw DatabaseErrors.translate(failure, what);
    }
  }
}
