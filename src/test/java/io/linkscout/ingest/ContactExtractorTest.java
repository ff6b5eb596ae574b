package io.linkscout.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactExtractorTest {

    @Test
    void visibleAndObfuscatedEmails() {
        String text = "Write to jane [at] example [dot] com, bob(at)example.org, Carol {AT} Example {DOT} net, "
                + "dave AT example DOT co DOT uk or eve@example.com. Not: logo@2x.png, we meet at noon. "
                + "Sales: sales @ example.com? No: 'at' in prose (at) home.";
        assertEquals(List.of("bob@example.org", "carol@example.net", "dave@example.co.uk", "eve@example.com",
                "jane@example.com"), ContactExtractor.visibleEmails(text));
    }

    @Test
    void htmlEntitiesAndMailtoAreMergedOnThePage() {
        HtmlExtractor.Extracted ex = new HtmlExtractor().extract("https://www.site.com/about",
                "<html><body><p>hello&#64;site&#46;com</p><footer><a href='mailto:Team@Site.com?subject=x'>mail</a>"
                        + "</footer></body></html>");
        assertEquals(List.of("hello@site.com", "team@site.com"), ex.emails());
    }

    @Test
    void contactPagesAndSocialProfiles() {
        List<Link> links = List.of(
                new Link("https://www.site.com/contact-us/", "Reach us", ""),
                new Link("https://www.site.com/team", "Get in touch", ""),
                new Link("https://other.com/contact", "Contact", ""),
                new Link("https://twitter.com/siteblog", "", ""),
                new Link("https://x.com/intent/tweet?text=a", "", ""),
                new Link("https://www.facebook.com/sharer.php?u=x", "", ""),
                new Link("https://www.facebook.com/SiteBlog", "", ""),
                new Link("https://www.linkedin.com/in/jane-doe?trk=x", "", ""),
                new Link("https://www.linkedin.com/shareArticle?url=x", "", ""),
                new Link("https://www.youtube.com/@siteblog", "", ""),
                new Link("https://www.youtube.com/watch?v=1", "", ""),
                new Link("https://github.com/siteco", "", ""),
                new Link("https://github.com/siteco/repo", "", ""),
                new Link("https://mastodon.social/@jane", "", ""),
                new Link("https://bsky.app/profile/site.com", "", ""),
                new Link("https://instagram.com/p/abc", "", ""));
        assertEquals(List.of("https://www.site.com/contact-us/", "https://www.site.com/team"),
                ContactExtractor.contactUrls("https://www.site.com/blog/post", links));
        assertEquals(List.of("https://www.site.com/contact"),
                ContactExtractor.contactUrls("https://www.site.com/contact", List.of()));
        assertEquals(List.of("https://bsky.app/profile/site.com", "https://github.com/siteco",
                "https://mastodon.social/@jane", "https://twitter.com/siteblog", "https://www.facebook.com/SiteBlog",
                "https://www.linkedin.com/in/jane-doe", "https://www.youtube.com/@siteblog"),
                ContactExtractor.socialProfiles(links));
        assertNull(ContactExtractor.socialProfile("https://twitter.com/share"));
    }

    /** The quick test that skips parsing most links never drops a profile: host case, mobile hosts, "@" paths. */
    @Test
    void socialProfilesWhateverTheCaseOfTheHost() {
        assertEquals(io.linkscout.url.UrlNormalizer.normalize("https://WWW.Twitter.COM/SiteBlog"),
                ContactExtractor.socialProfile("https://WWW.Twitter.COM/SiteBlog"));
        assertEquals(io.linkscout.url.UrlNormalizer.normalize("https://m.facebook.com/pages/site/1"),
                ContactExtractor.socialProfile("https://m.facebook.com/pages/site/1/"));
        assertEquals(io.linkscout.url.UrlNormalizer.normalize("https://Fosstodon.ORG/@Jane"),
                ContactExtractor.socialProfile("https://Fosstodon.ORG//@Jane/"));
        assertNull(ContactExtractor.socialProfile("https://fosstodon.org/@jane/123"));
        assertNull(ContactExtractor.socialProfile("https://site7.com/page/12"));
        assertNull(ContactExtractor.socialProfile("https://netflix.com/title"));
        assertNull(ContactExtractor.socialProfile("not a url with @ and spaces"));
    }

    /** The word check before the URI parse never changes the answer: the same as parsing every address. */
    @Test
    void contactPathsWithAndWithoutTheWordCheck() {
        java.util.regex.Pattern segment = java.util.regex.Pattern.compile("(?:^|/)(?:contact|contact-us|contactus|"
                + "contact_us|kontakt|contacto|get-in-touch)(?:\\.html?|\\.php)?(?:/|$)",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        String[] pieces = {"https://", "x.com", "/", "Contact", "CONTACT", "contact-us", "KONTAKT", "Get-In-Touch",
                ".html", ".php", "?", "q=contact", "#contact", "about", "%20", " ", "contacts", "\u212a"};
        java.util.Random random = new java.util.Random(20261207);
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String url = sb.toString();
            boolean expected;
            try {
                String path = java.net.URI.create(url).getRawPath();
                expected = path != null && segment.matcher(path).find();
            } catch (IllegalArgumentException e) {
                expected = false;
            }
            assertEquals(expected, ContactExtractor.isContactPath(url), url);
        }
        assertTrue(ContactExtractor.isContactPath("https://x.com/Contact-Us.html?ref=1"));
    }
}
