// The mobile preset's CPU slowdown for a host (Lighthouse's docs/throttling.md, "Calibrating the CPU
// slowdown"). Lighthouse's 4x assumes a high-end desktop host (benchmarkIndex 1500-2000) and turns it
// into a mid-tier phone; on a slower or loaded host the same 4x emulates a far slower phone. The
// slowdown holds the emulated device at a benchmarkIndex of about 400 (a mid-tier phone):
// benchmarkIndex / 400, never above Lighthouse's 4x (its default, lighthouse/core/config/constants.js)
// nor below 1x (a host slower than that phone is taken as it is). No imports: tests run it bare.
export const MID_TIER_BENCHMARK = 400;
export const LIGHTHOUSE_MOBILE_SLOWDOWN = 4;

export function cpuSlowdownFor(benchmarkIndex) {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) return LIGHTHOUSE_MOBILE_SLOWDOWN;
  const multiplier = Math.min(LIGHTHOUSE_MOBILE_SLOWDOWN, Math.max(1, benchmarkIndex / MID_TIER_BENCHMARK));
  return Math.round(multiplier * 100) / 100;
}
