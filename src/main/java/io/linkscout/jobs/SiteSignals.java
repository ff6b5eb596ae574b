package io.linkscout.jobs;

import io.linkscout.index.LinkScoutIndex;
import io.linkscout.quality.SiteQuality;
import io.linkscout.quality.SpamFlag;
import io.linkscout.site.SiteRepository;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place the jobs read a site's authority and spam signals: a cached view of {@link SiteQuality} (the
 * site document's 0–100 authority, referring domains, 0–100 spam score and the spam flags that fired, each as a
 * {@link SpamFlag#line() result line}).
 */
public final class SiteSignals {

    /**
     * @param domain     registrable domain
     * @param authority  0–100
     * @param refDomains distinct referring registrable domains in the index
     * @param spamScore  0–100, higher is spammier (0 when unknown)
     * @param spamFlags  named spam signals (empty when unknown)
     * @param inIndex    whether the index has a site document for the domain
     */
    public record Signals(String domain, double authority, int refDomains, double spamScore, List<String> spamFlags,
            boolean inIndex) {
    }

    private final SiteRepository sites;
    private final Map<String, Signals> cache = new ConcurrentHashMap<>();

    public SiteSignals(LinkScoutIndex index) {
        this.sites = new SiteRepository(index);
    }

    public Signals of(String domain) {
        return cache.computeIfAbsent(domain, this::lookup);
    }

    private Signals lookup(String domain) {
        return sites.quality(domain)
                .map(q -> new Signals(domain, Jobs.round(q.authority()), q.refDomains(), Jobs.round(q.spamScore()),
                        q.flags().stream().map(SpamFlag::line).toList(), true))
                .orElseGet(() -> new Signals(domain, 0, 0, 0, List.of(), false));
    }
}
