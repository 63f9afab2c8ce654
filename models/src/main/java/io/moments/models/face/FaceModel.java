package io.moments.models.face;

import io.moments.models.EmotionModel;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.models.Modality;
import io.moments.models.ModelVersion;
import io.moments.models.Signal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The face model behind {@link EmotionModel}: JPEG bytes in; a frame's signal is its most confident
 * face, a frame without a face a signal with confidence 0; a frame that does not decode is refused
 * with its {@link InvalidImageException.Reason}.
 */
public final class FaceModel implements EmotionModel<byte[]> {

    public static final String NAME = "face-api-tiny+expression";

    private final FaceAnalyzer analyzer;
    private final String version;

    private FaceModel(FaceAnalyzer analyzer) {
        this.analyzer = analyzer;
        this.version = ModelVersion.of("io/moments/models/face/tiny_face_detector_model.bin",
                "io/moments/models/face/face_expression_model.bin");
    }

    public static FaceModel load() {
        return new FaceModel(new FaceAnalyzer());
    }

    @Override
    public Modality modality() {
        return Modality.FACE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Set<Label> measures() {
        return EnumSet.copyOf(ExpressionLabelMap.LABELS);
    }

    @Override
    public List<Scored> score(List<byte[]> jpegs) {
        return Scored.decodeThenScore(jpegs, FaceModel::decode, images -> {
            List<Signal> signals = new ArrayList<>(images.size());
            for (List<FaceResult> faces : analyzer.analyzeImages(images)) {
                signals.add(signal(faces));
            }
            return signals;
        });
    }

    private static FaceImage decode(byte[] jpeg) throws Refusal {
        try {
            return FaceImage.decodeJpeg(jpeg);
        } catch (InvalidImageException e) {
            throw new Refusal(e.reason().code(), e.getMessage());
        }
    }

    private Signal signal(List<FaceResult> faces) {
        FaceResult best = null;
        for (FaceResult f : faces) {
            if (best == null || f.confidence() > best.confidence()) {
                best = f;
            }
        }
        if (best == null) {
            return new Signal(Modality.FACE, LabelScores.ZERO, 0, 0, NAME, version);
        }
        LabelScores scores = LabelScores.ZERO;
        for (Map.Entry<Label, Double> e : best.labels().entrySet()) {
            scores = scores.with(e.getKey(), e.getValue());
        }
        return new Signal(Modality.FACE, scores, Signal.bits(best.labels().keySet()), best.confidence(), NAME, version);
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
