package io.linkscout.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "linkscout.nlp.bench", matches = ".+")
class ProfileScratchTest {
    @Test
    void profile() throws Exception {
        ObjectMapper om = new ObjectMapper();
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("linkscout.nlp.bench")));
        var mx = ManagementFactory.getThreadMXBean();
        NlpPipeline p = NlpPipeline.shared().load();
        for (int round = 0; round < 3; round++) {
            for (int idx : new int[] {2, 5, 6, 15}) {
                JsonNode q = om.readTree(lines.get(idx));
                String text = ContentText.convert(q.get("text").asText(), ContentType.PLAIN, ContentText.Options.defaults()).text();
                long c0 = mx.getCurrentThreadCpuTime();
                Annotation a = p.annotate(text, false);
                long c1 = mx.getCurrentThreadCpuTime();
                Annotation b = p.annotate(text, true);
                long c2 = mx.getCurrentThreadCpuTime();
                List<CoreMap> s = a.get(CoreAnnotations.SentencesAnnotation.class);
                int max = s.stream().mapToInt(x -> x.get(CoreAnnotations.TokensAnnotation.class).size()).max().orElse(0);
                System.out.printf("%s base %d ms, base+ner %d ms, sentences %d, max sentence %d tokens%n",
                        q.get("title").asText(), (c1 - c0) / 1000000, (c2 - c1) / 1000000, s.size(), max);
            }
        }
    }
}
