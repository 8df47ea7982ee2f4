package io.servicetsunami.core.skill;

import io.servicetsunami.ports.error.ConflictException;
import io.servicetsunami.ports.error.ForbiddenException;
import io.servicetsunami.ports.error.InvalidInputException;
import io.servicetsunami.ports.error.NotFoundException;
import io.servicetsunami.ports.error.PermanentException;
import io.servicetsunami.ports.error.PortException;
import io.servicetsunami.ports.error.TransientException;
import io.servicetsunami.ports.model.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes decrypted credentials from what leaves skill routing. A gateway or skill may echo a
 * credential back (in an error message, in its output); whatever it echoes must not reach a caller,
 * a log or a trace.
 */
final class Redaction {

  static final String MASK = "******";

  private final List<String> values = new ArrayList<>();

  Redaction(Collection<Secret> secrets) {
    for (Secret secret : secrets) {
      values.add(secret.reveal());
    }
    // Longest first, so a secret containing another is masked whole.
    values.sort((a, b) -> Integer.compare(b.length(), a.length()));
  }

  String text(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String value : values) {
      result = result.replace(value, MASK);
    }
    return result;
  }

  Map<String, Object> json(Map<String, Object> object) {
    Map<String, Object> copy = new LinkedHashMap<>();
    object.forEach((key, value) -> copy.put(text(key), value(value)));
    return copy;
  }

  private Object value(Object value) {
    if (value instanceof String s) {
      return text(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(text(String.valueOf(key)), value(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(value(item)));
      return copy;
    }
    return value;
  }

  /**
   * The same failure with credentials masked in its message. The cause is dropped: it belongs to
   * the adapter's technology and its message may carry the credential too.
   */
  PortException exception(PortException failure) {
    String message = text(failure.getMessage());
    if (message.equals(failure.getMessage()) && failure.getCause() == null) {
      return failure;
    }
    if (failure instanceof TransientException t) {
      return new TransientException(t.code(), message, t.retryAfter().orElse(null), null);
    }
    if (failure instanceof PermanentException) {
      return new PermanentException(failure.code(), message);
    }
    if (failure instanceof ConflictException) {
      return new ConflictException(failure.code(), message);
    }
    if (failure instanceof NotFoundException) {
      return new NotFoundException(failure.code(), message);
    }
    if (failure instanceof ForbiddenException) {
      return new ForbiddenException(failure.code(), message);
    }
    if (failure instanceof InvalidInputException) {
      return new InvalidInputException(failure.code(), message);
    }
    throw new IllegalStateException("unknown port exception " + failure.getClass().getName());
  }
}
