package io.slaflow.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What our API reads of a request. Its largest real body, a ticket with a 4,000-character description, has a few
 * kilobytes and two levels of nesting; a body may have 1 MiB and 16 levels, and more is a mistake or an attack,
 * refused before it costs memory or stack. A body is well-formed UTF-8 (RFC 8259), and its text has no NUL and no
 * unpaired surrogate: PostgreSQL refuses the first and silently replaces the second.
 */
@Configuration
public class ApiInput {

  /** The largest body, in bytes, of a request to {@code /api}. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** Jackson's default is 1,000 levels; our bodies have two. */
  public static final int MAX_NESTING = 16;
  /** Jackson's default is 1,000 digits; an amount has at most 14. */
  public static final int MAX_NUMBER_DIGITS = 100;

  @Bean
  Jackson2ObjectMapperBuilderCustomizer jsonReadLimits() {
    return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).maxNumberLength(MAX_NUMBER_DIGITS).build()));
  }

  /** Spring Boot registers every Jackson module bean with the application's ObjectMapper. */
  @Bean
  Module textOnly() {
    return new SimpleModule("slaflow-text").addDeserializer(String.class, new TextOnly());
  }

  @Bean
  FilterRegistrationBean<BodyCheck> apiBodyCheck() {
    FilterRegistrationBean<BodyCheck> registration = new FilterRegistrationBean<>(new BodyCheck());
    registration.setName("api-body-check");
    registration.addUrlPatterns("/api/*");
    // Before authentication: an oversized body is refused without checking a password first.
    registration.setOrder(5);
    return registration;
  }

  /** 413, as problem+json. */
  public static ProblemDetail tooLarge() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "A request body may have at most " + MAX_BODY_BYTES + " bytes.");
    problem.setTitle("Request body too large");
    return problem;
  }

  /** The body stream ran over the limit (a chunked body announces no length): 413. */
  public static class BodyTooLarge extends IOException {
    BodyTooLarge() {
      super("The request body has more than " + MAX_BODY_BYTES + " bytes");
    }
  }

  /** The body has a byte sequence that is not UTF-8 (an overlong form, an encoded surrogate, a stray byte): 400. */
  public static class NotUtf8 extends IOException {
    NotUtf8() {
      super("The request body is not valid UTF-8");
    }
  }

  /** A JSON string with a NUL or an unpaired surrogate; Jackson adds the field it was reading. */
  public static class NotText extends JsonMappingException {
    NotText(JsonParser parser) {
      super(parser, "Text with a NUL or an unpaired surrogate character");
    }
  }

  /** Jackson's own string reading, refusing what no business text holds and PostgreSQL cannot store. */
  static final class TextOnly extends StdScalarDeserializer<String> {

    TextOnly() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null && !isText(value)) {
        throw new NotText(parser);
      }
      return value;
    }

    static boolean isText(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == 0 || Character.isLowSurrogate(c)) {
          return false;
        }
        if (Character.isHighSurrogate(c) && !(++i < value.length() && Character.isLowSurrogate(value.charAt(i)))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Refuses a body whose Content-Length is over the limit at once, and a query with a NUL; reads the body through a
   * stream that stops at the limit and checks UTF-8 (unless the request declares another charset).
   */
  static class BodyCheck extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (request.getContentLengthLong() > MAX_BODY_BYTES) {
        ProblemDetail problem = tooLarge();
        Problems.write(response, problem.getStatus(), problem.getTitle(), problem.getDetail());
        return;
      }
      if (request.getQueryString() != null && request.getQueryString().contains("%00")) {
        Problems.write(response, 400, "Invalid request", "A query parameter has a NUL character.");
        return;
      }
      String charset = request.getCharacterEncoding();
      boolean utf8 = charset == null || StandardCharsets.UTF_8.name().equalsIgnoreCase(charset);
      chain.doFilter(new HttpServletRequestWrapper(request) {
        private ServletInputStream checked;

        @Override
        public ServletInputStream getInputStream() throws IOException {
          if (checked == null) {
            checked = new CheckedInputStream(super.getInputStream(), utf8);
          }
          return checked;
        }
      }, response);
    }
  }

  private static final class CheckedInputStream extends ServletInputStream {

    private final ServletInputStream body;
    private final CharsetDecoder utf8;
    /** The start of a UTF-8 sequence that the last read cut off. */
    private ByteBuffer carried = ByteBuffer.allocate(0);
    private long read;

    CheckedInputStream(ServletInputStream body, boolean checkUtf8) {
      this.body = body;
      this.utf8 = checkUtf8 ? StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT) : null;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = body.read(buffer, offset, length);
      read += Math.max(n, 0);
      if (read > MAX_BODY_BYTES) {
        throw new BodyTooLarge();
      }
      if (utf8 != null) {
        check(n < 0 ? ByteBuffer.allocate(0) : ByteBuffer.wrap(buffer, offset, n), n < 0);
      }
      return n;
    }

    private void check(ByteBuffer bytes, boolean end) throws NotUtf8 {
      ByteBuffer in = ByteBuffer.allocate(carried.remaining() + bytes.remaining()).put(carried).put(bytes).flip();
      if (utf8.decode(in, CharBuffer.allocate(in.remaining()), end).isError() || end && in.hasRemaining()) {
        throw new NotUtf8();
      }
      carried = in.slice();
    }

    @Override
    public boolean isFinished() {
      return body.isFinished();
    }

    @Override
    public boolean isReady() {
      return body.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      body.setReadListener(listener);
    }
  }
}
