#!/usr/bin/env bash
# Regenerates the synthetic speech fixtures in models/voice/testdata/ (16 kHz, mono, PCM16 WAV).
#
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). The tests do NOT need them:
# the generated WAVs are committed. Output is deterministic for a given espeak-ng/sox version
# (made with eSpeak NG 1.51 and SoX 14.4.2 on Debian 12).
#
#   models/voice/scripts/make_fixtures.sh                 # the committed fixtures
#   models/voice/scripts/make_fixtures.sh --sweep DIR     # a larger, uncommitted validation set
#
# These are synthetic voices: they check that the prosody features move in the designed
# direction (slower, more pauses, higher/more varied pitch, louder), not that they measure emotion.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../testdata"

# say OUT.wav ESPEAK_ARGS... <<< "SSML text"
say() {
  local dst="$1"; shift
  local tmp; tmp="$(mktemp --suffix=.wav)"
  espeak-ng -m "$@" -w "$tmp"
  # 16 kHz mono signed 16-bit little-endian PCM, no dither so reruns are byte-identical
  sox -D "$tmp" -r 16000 -c 1 -b 16 -e signed-integer "$dst"
  rm -f "$tmp"
}

sentence_fluent='<speak>I would like to order the blue jacket in medium and have it delivered to my office on Friday.</speak>'
sentence_hesitant='<speak>I would like to <break time="900ms"/> um <break time="700ms"/> order the blue jacket <break time="1200ms"/> in medium <break time="800ms"/> and have it <break time="1000ms"/> delivered to my office, <break time="900ms"/> on Friday.</speak>'
sentence_calm='<speak><prosody range="x-low">Thanks, the jacket fits well and the delivery was on time.</prosody></speak>'
sentence_agitated='<speak><prosody range="x-high">Thanks, the jacket fits well and the delivery was on time!</prosody></speak>'
# Two sentences, for sessions of several 1 s chunks (the job's session baseline): a calm high voice, a calm
# low voice, and the low voice's agitated reading of the same words.
session_calm='<speak><prosody range="x-low">Thanks, the jacket fits well and the delivery was on time. I would like to order the same one in blue, in medium.</prosody></speak>'
session_agitated='<speak><prosody range="x-high">Thanks, the jacket fits well and the delivery was on time! I would like to order the same one in blue, in medium!</prosody></speak>'

if [[ "${1:-}" == "--sweep" ]]; then
  dir="${2:?--sweep needs an output directory}"
  mkdir -p "$dir"
  for voice in en-us en-us+f3 en-gb en-us+m3; do
    v="${voice//+/_}"
    for rate in 100 130 160 190 220; do
      say "$dir/rate_${v}_${rate}.wav" -v "$voice" -s "$rate" <<< "$sentence_fluent"
    done
    say "$dir/fluent_${v}.wav" -v "$voice" -s 170 <<< "$sentence_fluent"
    say "$dir/hesitant_${v}.wav" -v "$voice" -s 110 <<< "$sentence_hesitant"
    say "$dir/calm_${v}.wav" -v "$voice" -s 150 -p 35 -a 60 <<< "$sentence_calm"
    say "$dir/agitated_${v}.wav" -v "$voice" -s 185 -p 70 -a 150 <<< "$sentence_agitated"
  done
  exit 0
fi

mkdir -p "$out"
say "$out/fluent.wav"   -v en-us -s 170 <<< "$sentence_fluent"
say "$out/hesitant.wav" -v en-us -s 110 <<< "$sentence_hesitant"
say "$out/calm.wav"     -v en-us -s 150 -p 35 -a 60  <<< "$sentence_calm"
say "$out/agitated.wav" -v en-us -s 185 -p 70 -a 150 <<< "$sentence_agitated"
say "$out/fluent_f.wav" -v en-us+f3 -s 170 <<< "$sentence_fluent"
say "$out/calm_high.wav"    -v en-us+f3 -s 150 -p 85 -a 80  <<< "$session_calm"
say "$out/calm_low.wav"     -v en-us    -s 150 -p 30 -a 80  <<< "$session_calm"
say "$out/agitated_low.wav" -v en-us    -s 185 -p 70 -a 150 <<< "$session_agitated"
