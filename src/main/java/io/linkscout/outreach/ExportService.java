package io.linkscout.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

/** A campaign's prospects as a file in one of the {@link ExportFormat}s, for the API and the CLI alike. */
@ApplicationScoped
public class ExportService {

    @Inject
    CampaignService campaigns;

    @Inject
    ProspectService prospects;

    /** The clock that dates the disavow file (UTC). */
    Clock clock = Clock.systemUTC();

    /** An export: the file's bytes (UTF-8), its Content-Type and the file name to offer. */
    public record Export(ExportFormat format, String fileName, String contentType, byte[] body) {
    }

    /**
     * The campaign's export in the named format ({@code linkscout}, {@code buzzstream}, {@code pitchbox},
     * {@code hunter}, {@code disavow}; null: linkscout). An unknown format is a 400 listing the valid ones, an unknown
     * campaign a 404.
     */
    @Transactional
    public Export export(long campaignId, String format) {
        ExportFormat f = ExportFormat.parse(format);
        Views.CampaignView c = campaigns.get(campaignId);
        String text = OutreachExports.write(f, c, prospects.all(campaignId), LocalDate.now(clock));
        return new Export(f, f.fileName(campaignId), f.contentType(), text.getBytes(StandardCharsets.UTF_8));
    }
}
