package io.linkscout.crawl;

import java.nio.file.Path;

/** Runs a crawl in a child JVM so that a test can kill it: {@code CrawlChild STATE_DIR SEEDS_FILE}. */
public final class CrawlChild {

    private CrawlChild() {
    }

    public static void main(String[] args) throws Exception {
        Crawler.Options o = new Crawler.Options();
        o.delayMillis = 0;
        o.timeoutMillis = 60_000;
        o.policy = AddressPolicy.allowAll();
        o.stateDir = Path.of(args[0]);
        new Crawler(o).crawl(Seeds.read(Path.of(args[1])));
    }
}
