package io.mcp.sessionstore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTableTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryRowWithItsLine() throws Exception {
        write(RunFixture.HEADER,
                "on\tget\t8\tservice\tpeak\t0\t1\traw/get-on-8",
                "",
                "-\tappend10\t64\tpgbench\thalf\t550.5\t10\traw/pg-append10-64");

        List<RunSpec> runs = RunsTable.read(dir);

        assertEquals(new RunSpec(2, Optional.of(Mode.ON), "get", 8, Side.SERVICE, Load.PEAK, 0, 1, "raw/get-on-8"),
                runs.get(0));
        assertEquals(new RunSpec(4, Optional.empty(), "append10", 64, Side.PGBENCH, Load.HALF, 550.5, 10,
                "raw/pg-append10-64"), runs.get(1));
    }

    @Test
    void findsColumnsByTheirHeaderName() throws Exception {
        write("source\tunits\trate\tload\tside\tconnections\tscenario\tmode\textra",
                "raw/x\t1\t0\tpeak\tdirect\t8\tgateway\t-\tignored");

        RunSpec run = RunsTable.read(dir).get(0);

        assertEquals(Side.DIRECT, run.side());
        assertEquals("gateway", run.scenario());
        assertEquals("raw/x", run.source());
    }

    @Test
    void aShortRowNamesTheFileAndLine() throws Exception {
        write(RunFixture.HEADER, "on\tget\t8\tservice\tpeak\t0\t1\traw/a", "on\tget\t64\tservice");

        assertMalformed("runs.tsv line 3", "expected 8 tab-separated columns, found 4");
    }

    @Test
    void anUnknownSideOrLoadOrModeIsMalformed() throws Exception {
        write(RunFixture.HEADER, "on\tget\t8\tclient\tpeak\t0\t1\traw/a");
        assertMalformed("runs.tsv line 2", "side is \"client\"");

        write(RunFixture.HEADER, "on\tget\t8\tservice\tmax\t0\t1\traw/a");
        assertMalformed("runs.tsv line 2", "load is \"max\"");

        write(RunFixture.HEADER, "maybe\tget\t8\tservice\tpeak\t0\t1\traw/a");
        assertMalformed("runs.tsv line 2", "mode is \"maybe\"");
    }

    @Test
    void badNumbersAreMalformed() throws Exception {
        write(RunFixture.HEADER, "on\tget\teight\tservice\tpeak\t0\t1\traw/a");
        assertMalformed("runs.tsv line 2", "connections");

        write(RunFixture.HEADER, "on\tget\t8\tservice\thalf\t0\t1\traw/a");
        assertMalformed("runs.tsv line 2", "rate must be above 0");
    }

    @Test
    void aMissingColumnOrADuplicateRunIsMalformed() throws Exception {
        write("mode\tscenario\tconnections\tside\tload\trate\tsource", "on\tget\t8\tservice\tpeak\t0\traw/a");
        assertMalformed("runs.tsv line 1", "\"units\"");

        write(RunFixture.HEADER, "on\tget\t8\tservice\tpeak\t0\t1\traw/a", "on\tget\t8\tservice\tpeak\t0\t1\traw/b");
        assertMalformed("runs.tsv line 3", "a second row");
    }

    private void assertMalformed(String where, String what) {
        InputException e = assertThrows(InputException.class, () -> RunsTable.read(dir));
        assertTrue(e.getMessage().contains(where) && e.getMessage().contains(what), e.getMessage());
    }

    private void write(String... lines) throws Exception {
        Files.writeString(dir.resolve("runs.tsv"), String.join("\n", lines) + "\n");
    }
}
