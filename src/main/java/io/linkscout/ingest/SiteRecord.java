package io.linkscout.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a site catalog (CSV or JSONL): a candidate linking site described by the user.
 *
 * @param domain      registrable domain (e.g. {@code bbc.co.uk}); the join key
 * @param url         the site's home URL, normalised, or empty
 * @param name        display name, or empty
 * @param description free text, or empty
 * @param topic       topic/category label, or empty
 * @param country     country name or code, or empty
 * @param metrics     every numeric column of the row, by column name (sorted)
 * @param source      file and line the row came from
 */
public record SiteRecord(String domain, String url, String name, String description, String topic,
        String country, Map<String, Double> metrics, String source) {

    public SiteRecord {
        url = url == null ? "" : url;
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        topic = topic == null ? "" : topic;
        country = country == null ? "" : country;
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
    }

    /** Identity within the catalog: re-ingesting the same row replaces it. */
    public String key() {
        return domain + "|" + (url.isEmpty() ? name : url) + "|" + topic;
    }
}
