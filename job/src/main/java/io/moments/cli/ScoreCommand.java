package io.moments.cli;

import io.moments.models.face.FaceScoring;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.models.text.TextEvaluation;
import io.moments.models.text.TextScoring;
import io.moments.models.voice.VoiceScoring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code score}: the job's models offline, for analysts. {@code text --input F.jsonl --output G.jsonl};
 * {@code text-eval [--data F.jsonl]} (the model card's text figures);
 * {@code image FILE...} (one JSON line per image); {@code audio FILE.wav...}.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "The job's models offline: one JSON line per record or file.",
        subcommands = {ScoreCommand.Text.class, ScoreCommand.TextEval.class, ScoreCommand.Image.class, ScoreCommand.Audio.class})
final class ScoreCommand {

    @Command(name = "text", mixinStandardHelpOptions = true,
            description = "The text model: adds scores, dominant and confidence to each line of a JSON-lines file.")
    static final class Text implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--input", paramLabel = "F.jsonl", required = true, description = "Lines with a text field.")
        Path input;

        @Option(names = "--output", paramLabel = "G.jsonl", required = true, description = "The scored lines.")
        Path output;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(input)) {
                throw Main.usage(spec, "no such input file: " + input);
            }
            TextScoring.Summary s = TextScoring.scoreJsonLines(input, output);
            System.err.printf("scored %d of %d lines (%d errors)%n", s.scored(), s.lines(), s.errors());
            return 0;
        }
    }

    @Command(name = "text-eval", mixinStandardHelpOptions = true,
            description = "The text model on the measured splits of its labelled data: one JSON line per split "
                    + "(accuracy, macro F1, expected calibration error, mean confidence).")
    static final class TextEval implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "F.jsonl",
                description = "Labelled utterances with a split field (default: models/text/data/utterances.jsonl of this checkout).")
        Path data;

        @Override
        public Integer call() throws Exception {
            if (data == null) {
                data = Main.repositoryRoot().resolve("models/text/data/utterances.jsonl");
            }
            if (!Files.isRegularFile(data)) {
                throw Main.usage(spec, "no such data file: " + data);
            }
            ObjectMapper mapper = new ObjectMapper();
            for (TextEvaluation.SplitReport r : TextEvaluation.evaluate(data)) {
                System.out.println(mapper.writeValueAsString(r));
            }
            return 0;
        }
    }

    @Command(name = "image", mixinStandardHelpOptions = true,
            description = "The face models: one JSON line per image.")
    static final class Image implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Images (JPEG, PNG).")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            int errors = FaceScoring.scoreImages(files, System.out);
            if (errors > 0) {
                System.err.println(errors + " file(s) could not be read");
            }
            return 0;
        }
    }

    @Command(name = "audio", mixinStandardHelpOptions = true,
            description = "The voice models: one JSON line per WAV file.")
    static final class Audio implements Callable<Integer> {

        @Parameters(paramLabel = "FILE.wav", arity = "1..*", description = "WAV files.")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            for (Path wav : files) {
                VoiceScoring.scoreWav(wav, System.out);
            }
            return 0;
        }
    }
}
