package io.linkscout.index;

import io.linkscout.ingest.Link;
import java.util.List;

/**
 * One page of the corpus during a build, without its text: about 200 bytes plus its URL, title and links, so a
 * build holds every page's metadata in memory and streams the texts from the spill file or the old index.
 */
final class PageMeta {
    String url;
    String title;
    List<Link> links;
    /** spill number of the text, or -1 when the text comes from the old index */
    int spill = -1;
    /** doc id in the old index, or -1 */
    int oldDoc = -1;
    boolean hasText;
    List<String> emails = List.of();
    List<String> contactUrls = List.of();
    List<String> social = List.of();
}
