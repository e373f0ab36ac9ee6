// Squared Mahalanobis distances, one invocation per point.
// model = meanHi (dims), meanLo (dims), then a dims x dims row-major matrix M. The mean is split
// into float32 hi + lo parts: x - meanHi is exact for points near the mean (Sterbenz), so the
// difference keeps float32 relative accuracy even for data far from the origin.
// M is:
//   mode 0: M = U, the upper Cholesky factor of the inverse covariance: d2 = |U (x - mean)|^2
//   mode 1: M = the inverse covariance itself (not positive definite): d2 = (x-mean)' M (x-mean)

struct Params {
  start: u32,
  count: u32,
  dims: u32,
  mode: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> points: array<f32>;
@group(0) @binding(2) var<storage, read> model: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

override WG: u32 = 64u;
const MAX_DIMS: u32 = 64u;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= p.count) {
    return;
  }
  let i = p.start + gid.x;
  let d = p.dims;
  var diff: array<f32, MAX_DIMS>;
  for (var c = 0u; c < d; c++) {
    diff[c] = (points[i * d + c] - model[c]) - model[d + c];
  }
  var q = 0.0;
  if (p.mode == 0u) {
    for (var k = 0u; k < d; k++) {
      var y = 0.0;
      for (var c = k; c < d; c++) {
        y += model[2u * d + k * d + c] * diff[c];
      }
      q += y * y;
    }
  } else {
    for (var k = 0u; k < d; k++) {
      var y = 0.0;
      for (var c = 0u; c < d; c++) {
        y += model[2u * d + k * d + c] * diff[c];
      }
      q += diff[k] * y;
    }
  }
  out[i] = q;
}
