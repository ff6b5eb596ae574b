package io.linkscout.jobs;

import java.util.Map;

/**
 * A job result in the shape a campaign's shortlist takes (issue 4's prospects): the domain, the page that is the
 * evidence, a score, a one-line explanation and the evidence as a JSON-able map. Every job result converts to one
 * with {@code toProspect()}.
 *
 * @param job         which job produced it: {@code guest-posts}, {@code topics-that-earn}, {@code link-intersect},
 *                    {@code mentions}
 * @param domain      registrable domain of the prospect
 * @param url         the evidence page (guidelines page, linking page, mentioning page)
 * @param score       the job's ranking score (higher is better)
 * @param explanation one human-readable sentence
 * @param evidence    the result's details (matched topics, reasons, linking pages, snippet, ...), JSON-able
 */
public record ProspectCandidate(String job, String domain, String url, double score, String explanation,
        Map<String, Object> evidence) {
}
