package io.linkscout.rank;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A way to learn a {@link RankerModel} from labelled candidates: the linear {@link Trainer} or {@link LambdaMart}.
 * Cross-validation, leave-one-corpus-out and {@code train} use either through this one method. Deterministic:
 * the same examples and settings give the same model.
 */
public interface RankerFit {

    /**
     * @param examples     training queries with their candidates and labels
     * @param features     the features the model may use
     * @param perGenerator candidate depth recorded in the model
     * @param trainedInfo  what goes into the model's {@code trained} block (command, split, figures)
     */
    RankerModel fit(List<Trainer.Example> examples, Set<Feature> features, int perGenerator,
            Map<String, Object> trainedInfo);

    /** The random seed (printed with every figure). */
    long seed();
}
