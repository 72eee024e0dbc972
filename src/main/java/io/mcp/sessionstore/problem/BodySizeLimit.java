package io.mcp.sessionstore.problem;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/** Counts the bytes of a body as it is read, so a chunked body gets the same 413 as a declared one. */
@Provider
public class BodySizeLimit implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object limit = context.getProperty(RequestBodyFilter.LIMIT_PROPERTY);
        context.setInputStream(new Counting(context.getInputStream(),
                limit instanceof Long bytes ? bytes : RequestBodyFilter.MAX_BODY_BYTES));
        return context.proceed();
    }

    private static final class Counting extends FilterInputStream {
        private final long limit;
        private long count;

        Counting(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw RequestBodyFilter.tooLarge("the body has more than " + limit + " bytes, the most accepted");
            }
        }
    }
}
