package io.moments.cli;

import io.moments.models.face.FaceScoring;
import io.moments.models.text.TextScoring;
import io.moments.models.voice.VoiceScoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code score}: the job's models offline, for analysts. {@code text --input F.jsonl --output G.jsonl};
 * {@code image FILE...} (one JSON line per image); {@code audio FILE.wav...}.
 */
final class ScoreCommand {

    private ScoreCommand() {}

    static void run(Args args) throws Exception {
        List<String> positional = args.positional();
        if (positional.isEmpty()) {
            throw new Args.UsageException("score needs a modality: text, image or audio");
        }
        List<Path> files = new ArrayList<>();
        for (String f : positional.subList(1, positional.size())) {
            files.add(Path.of(f));
        }
        switch (positional.get(0)) {
            case "text" -> {
                TextScoring.Summary s = TextScoring.scoreJsonLines(Path.of(args.required("input")), Path.of(args.required("output")));
                System.err.printf("scored %d of %d lines (%d errors)%n", s.scored(), s.lines(), s.errors());
            }
            case "image" -> {
                requireFiles(files);
                int errors = FaceScoring.scoreImages(files, System.out);
                if (errors > 0) {
                    System.err.println(errors + " file(s) could not be read");
                }
            }
            case "audio" -> {
                requireFiles(files);
                for (Path wav : files) {
                    VoiceScoring.scoreWav(wav, System.out);
                }
            }
            default -> throw new Args.UsageException("unknown modality: " + positional.get(0));
        }
    }

    private static void requireFiles(List<Path> files) {
        if (files.isEmpty()) {
            throw new Args.UsageException("name at least one file");
        }
    }
}
