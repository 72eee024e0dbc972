package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTimesTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleStart() {
        StartupTimes times = StartupTimes.parse("1830,1790,1802");

        assertEquals(1802, times.median());
        assertEquals(1790, times.min());
        assertEquals(1830, times.max());
        assertEquals(3, times.count());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2030, StartupTimes.parse("2100, 2050 ,1990,2010").median());
        assertEquals(1500, StartupTimes.parse("1500").median());
    }

    @Test
    void aBadTimeIsRejected() {
        assertThrows(NumberFormatException.class, () -> StartupTimes.parse("1800,,1900"));
        assertThrows(NumberFormatException.class, () -> StartupTimes.parse("1800,-5"));
    }

    @Test
    void aBadStartupKeyInRunPropertiesNamesTheFileAndLine(@TempDir Path dir) {
        new RunFixture(dir).property("date", "today").property("startup.on.ms", "1800;1900").write();

        InputException e = assertThrows(InputException.class, () -> RunInfo.load(dir));

        assertTrue(e.getMessage().contains("run.properties line 3") && e.getMessage().contains("startup.on.ms"),
                e.getMessage());
    }
}
