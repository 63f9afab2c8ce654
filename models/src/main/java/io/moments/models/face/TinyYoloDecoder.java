package io.moments.models.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes the tiny face detector's YOLO maps into boxes, as face-api's
 * {@code TinyYolov2Base.extractBoxes} and {@code nonMaxSuppression} do: per cell and anchor,
 * {@code score = sigmoid(t_o)}, kept if {@code > scoreThreshold}; centre
 * {@code ((col + sigmoid(t_x)) / grid, (row + sigmoid(t_y)) / grid)}; size
 * {@code (exp(t_w) * anchor_w / grid, exp(t_h) * anchor_h / grid)}; both corrected for the
 * padding that made the image square; then greedy NMS by score with IoU threshold.
 */
final class TinyYoloDecoder {

    /** A detection in coordinates relative to the original image (0..1 inside it). */
    record Detection(double x, double y, double width, double height, double score) {
        double right() {
            return x + width;
        }

        double bottom() {
            return y + height;
        }
    }

    private TinyYoloDecoder() {
    }

    /**
     * @param out     the raw output of one image, {@code (25, grid, grid)} flattened, from {@code offset}
     * @param imageW  width of the original image
     * @param imageH  height of the original image
     */
    static List<Detection> decode(float[] out, int offset, int grid, int inputSize, int imageW, int imageH,
                                  double scoreThreshold, double iouThreshold) {
        // face-api computes the correction from the resized (not padded) image dimensions
        double scale = (double) inputSize / Math.max(imageW, imageH);
        long reshapedW = Math.round(imageW * scale);
        long reshapedH = Math.round(imageH * scale);
        double side = Math.max(reshapedW, reshapedH);
        double corrX = side / reshapedW;
        double corrY = side / reshapedH;
        int plane = grid * grid;
        List<Detection> candidates = new ArrayList<>();
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                for (int a = 0; a < TinyFaceDetectorNet.ANCHORS.length; a++) {
                    int base = offset + a * TinyFaceDetectorNet.BOX_ENCODING * plane + row * grid + col;
                    double score = sigmoid(out[base + 4 * plane]);
                    if (score <= scoreThreshold) {
                        continue;
                    }
                    double cx = (col + sigmoid(out[base])) / grid * corrX;
                    double cy = (row + sigmoid(out[base + plane])) / grid * corrY;
                    double w = Math.exp(out[base + 2 * plane]) * TinyFaceDetectorNet.ANCHORS[a][0] / grid * corrX;
                    double h = Math.exp(out[base + 3 * plane]) * TinyFaceDetectorNet.ANCHORS[a][1] / grid * corrY;
                    candidates.add(new Detection(cx - w / 2, cy - h / 2, w, h, score));
                }
            }
        }
        return nonMaxSuppression(candidates, iouThreshold);
    }

    /** Greedy NMS; highest score first (ties: the later candidate first, as face-api's stable sort + pop). */
    static List<Detection> nonMaxSuppression(List<Detection> candidates, double iouThreshold) {
        List<Detection> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Detection::score)); // stable, ascending
        List<Detection> picked = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection best = remaining.remove(remaining.size() - 1);
            picked.add(best);
            remaining.removeIf(d -> iou(best, d) > iouThreshold);
        }
        return picked;
    }

    static double iou(Detection a, Detection b) {
        double w = Math.max(0, Math.min(a.right(), b.right()) - Math.max(a.x(), b.x()));
        double h = Math.max(0, Math.min(a.bottom(), b.bottom()) - Math.max(a.y(), b.y()));
        double inter = w * h;
        return inter / (a.width() * a.height() + b.width() * b.height() - inter);
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
