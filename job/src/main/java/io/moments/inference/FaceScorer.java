package io.moments.inference;

import io.moments.ingest.MediaKind;
import io.moments.ingest.ShopperEvent;
import io.moments.models.Label;
import io.moments.models.LabelScores;
import io.moments.models.face.FaceAnalyzer;
import io.moments.models.face.FaceImage;
import io.moments.models.face.FaceResult;
import io.moments.models.face.InvalidImageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Consented camera frames through the face detector and expression net (models/face). A frame's
 * signal is its most confident face; a frame without a face is a signal with confidence 0.
 */
public final class FaceScorer implements Scorer {

    private transient FaceAnalyzer analyzer;

    @Override
    public String name() {
        return "face";
    }

    @Override
    public boolean accepts(ShopperEvent event) {
        return event.media() != null && event.media().kind() == MediaKind.VIDEO_FRAME && event.media().data() != null;
    }

    @Override
    public void open() {
        analyzer = new FaceAnalyzer();
    }

    @Override
    public List<InferenceResult> score(List<ShopperEvent> batch) {
        List<InferenceResult> out = new ArrayList<>(batch.size());
        List<FaceImage> images = new ArrayList<>();
        List<Integer> decoded = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                images.add(FaceImage.decodeJpeg(batch.get(i).media().data()));
                decoded.add(i);
                out.add(null);
            } catch (InvalidImageException e) {
                out.add(InferenceResult.failed("video_frame " + e.reason() + ": " + e.getMessage()));
            }
        }
        List<List<FaceResult>> faces = analyzer.analyzeImages(images);
        for (int j = 0; j < decoded.size(); j++) {
            out.set(decoded.get(j), InferenceResult.of(signal(faces.get(j))));
        }
        return out;
    }

    private static Signal signal(List<FaceResult> faces) {
        FaceResult best = null;
        for (FaceResult f : faces) {
            if (best == null || f.confidence() > best.confidence()) {
                best = f;
            }
        }
        if (best == null) {
            return new Signal(Modality.FACE, LabelScores.ZERO, 0, 0, "face-api-tiny+expression");
        }
        LabelScores scores = LabelScores.ZERO;
        int measured = 0;
        for (Map.Entry<Label, Double> e : best.labels().entrySet()) {
            scores = scores.with(e.getKey(), e.getValue());
            measured |= 1 << e.getKey().ordinal();
        }
        return new Signal(Modality.FACE, scores, measured, best.confidence(), "face-api-tiny+expression");
    }

    @Override
    public void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }
}
