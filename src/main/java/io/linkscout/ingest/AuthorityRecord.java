package io.linkscout.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * Third-party authority figures for one registrable domain, from an authority list
 * (Majestic Million, Moz top 500, or a merged CSV).
 *
 * @param domain  registrable domain, the join key
 * @param list    which list the figures come from ({@code majestic}, {@code moz}, or the file's base name)
 * @param metrics figures by name, e.g. {@code majestic_rank}, {@code majestic_ref_subnets},
 *                {@code moz_domain_authority}, {@code moz_linking_root_domains}
 * @param source  file and line the row came from
 */
public record AuthorityRecord(String domain, String list, Map<String, Double> metrics, String source) {

    public AuthorityRecord {
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
    }

    public String key() {
        return domain + "|" + list;
    }
}
