package io.servicetsunami.adapters.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The one JSON mapper of the adapter, used by Hibernate for {@code jsonb} columns and by native
 * statements that bind JSON parameters.
 *
 * <p>Trees round-trip as the ports' JSON model ({@code ports.model.Json}): objects become maps,
 * arrays lists, strings, booleans and nulls stay themselves; an integral number comes back as an
 * {@link Integer} when it fits, else as a {@link Long} or {@link java.math.BigInteger}, and a
 * number with a fraction or exponent as a {@link Double}. So {@code Integer}, {@code Long}, {@code
 * BigInteger} and {@code Double} values read back equal; {@code Short}/{@code Byte} come back as
 * {@code Integer}, {@code Float}/{@code BigDecimal} as {@code Double}.
 *
 * <p>One adjustment makes doubles exact: {@code jsonb} stores numbers as {@code numeric}, which
 * prints {@code 3.0E10} as {@code 30000000000}, and that would read back as a {@code Long}. Doubles
 * are therefore written in plain notation with a fraction ({@code 30000000000.0}), which {@code
 * numeric} keeps.
 */
final class JsonColumns {

  static final ObjectMapper MAPPER =
      new ObjectMapper().registerModule(new SimpleModule().addSerializer(new DoubleSerializer()));

  private JsonColumns() {}

  static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static final class DoubleSerializer extends StdSerializer<Double> {

    DoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      double d = value;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        gen.writeNumber(d); // not JSON: PostgreSQL refuses it, which is the right outcome
        return;
      }
      String plain = new BigDecimal(Double.toString(d)).toPlainString();
      gen.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
  }
}
