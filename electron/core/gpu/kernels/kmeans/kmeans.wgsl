// One Lloyd step of k-means: nearest-centroid assignment (ties -> lowest centroid index; all-NaN
// distances -> centroid 0) plus, per workgroup, the coordinate sums and count of each cluster.
// partials[group][c][0..dims-1] = sums of the group's points assigned to c, [dims] = their count.
// The host adds the per-group partials in float64 (float32 sums cover at most WG points each).

struct Params {
  start: u32,
  count: u32,
  dims: u32,
  k: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> points: array<f32>;
@group(0) @binding(2) var<storage, read> centroids: array<f32>;
@group(0) @binding(3) var<storage, read_write> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> partials: array<f32>;

const WG: u32 = 128u;
const NONE: u32 = 0xffffffffu;
const FAR: f32 = 3.4028234e38;

var<workgroup> groupLabels: array<u32, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let d = p.dims;
  let first = wid.x * WG;  // first item of this workgroup within the chunk
  let item = first + lid.x;
  var label = NONE;
  if (item < p.count) {
    let i = p.start + item;
    var best = 0u;
    var bestD2 = FAR;
    for (var c = 0u; c < p.k; c++) {
      var d2 = 0.0;
      for (var t = 0u; t < d; t++) {
        let diff = points[i * d + t] - centroids[c * d + t];
        d2 += diff * diff;
      }
      if (d2 < bestD2) {
        bestD2 = d2;
        best = c;
      }
    }
    labels[i] = best;
    label = best;
  }
  groupLabels[lid.x] = label;
  workgroupBarrier();

  // Chunks start at multiples of WG, so this is the workgroup's index over the whole run.
  let group = p.start / WG + wid.x;
  let width = d + 1u;
  for (var e = lid.x; e < p.k * width; e += WG) {
    let c = e / width;
    let col = e % width;
    var s = 0.0;
    for (var t = 0u; t < WG; t++) {
      if (groupLabels[t] == c) {
        if (col < d) {
          s += points[(p.start + first + t) * d + col];
        } else {
          s += 1.0;
        }
      }
    }
    partials[group * p.k * width + e] = s;
  }
}
