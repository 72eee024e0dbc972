package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void throughputHasNoDecimalsAbove100() {
        assertEquals("12346", Format.throughput(12345.6));
        assertEquals("100.0", Format.throughput(100.0));
        assertEquals("99.5", Format.throughput(99.46));
        assertEquals("-", Format.throughput(Optional.empty()));
    }

    @Test
    void ratiosAndMillisecondsHaveTwoDecimals() {
        assertEquals("1.05x", Format.ratio(1.0512));
        assertEquals("0.35", Format.ms(0.3456));
        assertEquals("-", Format.ms(Optional.empty()));
    }

    @Test
    void marginsKeepADecimalOnlyBelowTenPercent() {
        assertEquals("4.2%", Format.percent(4.23));
        assertEquals("12%", Format.percent(12.3));
    }
}
