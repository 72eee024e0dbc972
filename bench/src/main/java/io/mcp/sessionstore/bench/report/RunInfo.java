package io.mcp.sessionstore.bench.report;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * RUN_DIR/run.properties: how, where and on what the run was made, plus the figures bench/run measures
 * outside the load runs (start-up times, resident set sizes). Any key may be missing; the report then
 * shows "-". Numeric keys are parsed up front so that a bad value fails before anything is written.
 */
final class RunInfo {

    static final String FILE_NAME = "run.properties";

    private final PropertiesFile file;
    private final Map<Mode, Optional<StartupTimes>> startup = new EnumMap<>(Mode.class);
    private final Map<Mode, Optional<Double>> rssIdleKib = new EnumMap<>(Mode.class);
    private final Map<Mode, Optional<Double>> rssPeakKib = new EnumMap<>(Mode.class);
    private final Optional<Double> rssLimitMib;

    private RunInfo(PropertiesFile file) throws InputException {
        this.file = file;
        for (Mode mode : Mode.values()) {
            startup.put(mode, startupTimes("startup." + mode.key() + ".ms"));
            rssIdleKib.put(mode, file.optionalDouble("rss." + mode.key() + ".idle.kib"));
            rssPeakKib.put(mode, file.optionalDouble("rss." + mode.key() + ".peak.kib"));
        }
        this.rssLimitMib = file.optionalDouble("rss.limit.mib");
    }

    static RunInfo load(Path runDir) throws InputException {
        return new RunInfo(PropertiesFile.load(runDir.resolve(FILE_NAME)));
    }

    /** The value, or "-" when missing, as the report prints it. */
    String text(String key) {
        return file.get(key).orElse("-");
    }

    boolean smoke() {
        return file.get("smoke").map(Boolean::parseBoolean).orElse(false);
    }

    Optional<StartupTimes> startup(Mode mode) {
        return startup.get(mode);
    }

    /** Resident set size after start, before any load. */
    Optional<Double> rssIdleMib(Mode mode) {
        return rssIdleKib.get(mode).map(kib -> kib / 1024);
    }

    /** VmHWM over that mode's whole load: the figure a container memory limit has to hold. */
    Optional<Double> rssPeakMib(Mode mode) {
        return rssPeakKib.get(mode).map(kib -> kib / 1024);
    }

    /** The Kubernetes memory limit of the service's container. */
    Optional<Double> rssLimitMib() {
        return rssLimitMib;
    }

    private Optional<StartupTimes> startupTimes(String key) throws InputException {
        Optional<String> value = file.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StartupTimes.parse(value.get()));
        } catch (NumberFormatException e) {
            throw file.malformed(key, value.get(), "comma-separated milliseconds");
        }
    }
}
