// Cross-check of the Java port against @vladmandic/face-api itself (see README.md here).
//
// node check.mjs DUMP_DIR FACE_API_PACKAGE_DIR OUT.json
//
// DUMP_DIR holds NAME.rgb (raw RGB bytes decoded by Java) and java.json, written by the test-scope
// class io.moments.models.face.CrossCheckDump. The library runs on exactly those pixels with its
// bundled tfjs (CPU backend): tiny face detector (416, score > 0.5) + expression net, and the
// expression net alone on Java's extra boxes. Writes the library's numbers to OUT.json (the
// reference the Java tests compare with) and prints the largest differences from java.json.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';

const [dumpDir, pkgDir, outFile] = process.argv.slice(2);
// The ESM bundle stubs out node's 'util' (it is built for browsers); its node platform shim needs
// util.TextEncoder. Patch that single call in a temporary copy; no numeric code is touched.
globalThis.require = createRequire(import.meta.url);
const bundle = fs.readFileSync(path.join(pkgDir, 'dist/face-api.esm.js'), 'utf8');
if (!bundle.includes('this.util=AR()')) throw new Error('unexpected bundle: patch point not found');
const patched = path.join(dumpDir, 'face-api.patched.mjs');
fs.writeFileSync(patched, bundle.replace('this.util=AR()', 'this.util=globalThis.require("util")'));
const faceapi = await import(path.resolve(patched));
const tf = faceapi.tf;
await tf.setBackend('cpu');
await tf.ready();

function weightMap(name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'model', `${name}-weights_manifest.json`)));
  const buf = fs.readFileSync(path.join(pkgDir, 'model', manifest[0].paths[0]));
  return tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), manifest[0].weights);
}
faceapi.nets.tinyFaceDetector.loadFromWeightMap(weightMap('tiny_face_detector_model'));
faceapi.nets.faceExpressionNet.loadFromWeightMap(weightMap('face_expression_model'));

const order = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
const java = JSON.parse(fs.readFileSync(path.join(dumpDir, 'java.json')));
const images = [];
const diff = { detectionCountMismatches: 0, faceBoxMismatches: 0, maxRelativeBoxDiff: 0, maxScoreDiff: 0,
  maxProbDiff: 0, topExpressionMismatches: 0, faces: 0, extraCrops: 0, maxProbDiffExtra: 0 };
const probs = (e) => order.map((k) => e[k]);
const argmax = (p) => p.indexOf(Math.max(...p));

for (const r of java) {
  const raw = fs.readFileSync(path.join(dumpDir, `${r.file}.rgb`));
  const img = tf.tensor3d(new Int32Array(raw), [r.height, r.width, 3], 'int32');
  const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 });
  const dets = await faceapi.nets.tinyFaceDetector.locateFaces(img, options);
  const full = await faceapi.detectAllFaces(img, options).withFaceExpressions();
  const out = {
    file: r.file,
    detections: dets.map((d) => [d.relativeBox.x, d.relativeBox.y, d.relativeBox.width, d.relativeBox.height, d.score]),
    faces: full.map((f) => {
      const b = f.detection.box.clipAtImageBorders(r.width, r.height);
      return { box: [b.x, b.y, b.width, b.height], p: probs(f.expressions) };
    }),
    extra: [],
  };
  if (out.detections.length !== r.detections.length) diff.detectionCountMismatches++;
  out.detections.forEach((d, i) => {
    const j = r.detections[i];
    if (!j) return;
    for (let k = 0; k < 4; k++) diff.maxRelativeBoxDiff = Math.max(diff.maxRelativeBoxDiff, Math.abs(d[k] - j[k]));
    diff.maxScoreDiff = Math.max(diff.maxScoreDiff, Math.abs(d[4] - j[4]));
  });
  out.faces.forEach((f, i) => {
    const j = r.faces[i];
    if (!j) return;
    diff.faces++;
    if (f.box.some((v, k) => v !== j.box[k])) diff.faceBoxMismatches++;
    f.p.forEach((v, k) => { diff.maxProbDiff = Math.max(diff.maxProbDiff, Math.abs(v - j.p[k])); });
    if (argmax(f.p) !== argmax(j.p)) diff.topExpressionMismatches++;
  });
  for (const x of r.extra) {
    const [bx, by, bw, bh] = x.box;
    const crop = tf.slice3d(img, [by, bx, 0], [bh, bw, 3]);
    const p = probs(await faceapi.nets.faceExpressionNet.predictExpressions(crop));
    crop.dispose();
    diff.extraCrops++;
    p.forEach((v, k) => { diff.maxProbDiffExtra = Math.max(diff.maxProbDiffExtra, Math.abs(v - x.p[k])); });
    out.extra.push({ box: x.box, p });
  }
  img.dispose();
  images.push(out);
}
fs.writeFileSync(outFile, `${JSON.stringify({
  source: `@vladmandic/face-api ${faceapi.version} with its bundled tfjs ${tf.version['tfjs-core']} (cpu backend), `
    + 'run on the RGB pixels that javax.imageio decodes from each file',
  labels: order,
  images,
}, null, 1)}\n`);
console.log(JSON.stringify(diff, null, 1));
