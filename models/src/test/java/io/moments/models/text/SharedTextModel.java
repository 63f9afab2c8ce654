package io.moments.models.text;

/** One model for all text tests in the JVM (loading takes a few seconds); closed at JVM exit. */
final class SharedTextModel {

    private static TextEmotionModel model;

    private SharedTextModel() {}

    static synchronized TextEmotionModel get() {
        if (model == null) {
            model = TextEmotionModel.load();
            TextEmotionModel loaded = model;
            Runtime.getRuntime().addShutdownHook(new Thread(loaded::close));
        }
        return model;
    }
}
