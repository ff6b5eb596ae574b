package io.linkscout.monitor;

import io.linkscout.outreach.OutreachDatabase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The schedule of {@code serve}: runs the monitor every {@code linkscout.monitor.every} ({@code off} by default),
 * the first time a minute after the start. Other commands turn the scheduler off (cli.Main), so only a running
 * server checks on its own.
 */
@ApplicationScoped
public class MonitorSchedule {

    private static final Logger LOG = Logger.getLogger(MonitorSchedule.class);

    @Inject
    LinkMonitor monitor;
    @Inject
    OutreachDatabase db;

    @Scheduled(identity = "linkscout-monitor", every = "${linkscout.monitor.every:off}",
            delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!db.configured()) {
            return;
        }
        try {
            MonitorViews.RunReport r = monitor.run(LinkMonitor.RunOptions.defaults(), c -> { });
            LOG.infof("monitor: %d won links checked, %d left for the next run, flagged %s", r.checked(),
                    r.remaining(), r.flagged());
        } catch (RuntimeException e) {
            LOG.warn("monitor run failed: " + e.getMessage(), e);
        }
    }
}
