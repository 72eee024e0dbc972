package io.mcp.sessionstore.bench.load;

import io.hyperfoil.api.config.Phase;
import io.hyperfoil.api.statistics.StatisticsSnapshot;
import io.hyperfoil.core.util.CountDown;

/**
 * The statistics of one phase, every metric and every collection period added up. The duration is
 * from the first to the last period's histogram timestamps: what the phase really ran, which is what
 * its throughput is divided by.
 */
final class PhaseTotals {

    final String phase;
    final StatisticsSnapshot snapshot = new StatisticsSnapshot();
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;

    PhaseTotals(String phase) {
        this.phase = phase;
    }

    synchronized void add(Phase from, int stepId, String metric, StatisticsSnapshot period, CountDown countDown) {
        if (!phase.equals(from.name()) || period.isEmpty()) {
            return;
        }
        snapshot.add(period);
        start = Math.min(start, period.histogram.getStartTimeStamp());
        end = Math.max(end, period.histogram.getEndTimeStamp());
    }

    synchronized double seconds() {
        return end > start ? (end - start) / 1000.0 : 0;
    }
}
