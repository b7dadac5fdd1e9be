/** The special functions behind §13: ln Γ, ψ, ln B and ₂F₁ against values known in closed form. */
import { digamma, gammaSign, hyp2f1, logAbsGamma, logBeta, logGamma } from "../../src/engine/rhythm";

describe("ln Γ and its sign", () => {
  test("closed forms: Γ(½) = √π, Γ(1) = Γ(2) = 1, Γ(5) = 24, Γ(10) = 9!", () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
  });

  test("large arguments: ln Γ(100) = ln 99! = 359.13420536957540", () => {
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 11);
  });

  test("negative arguments: Γ(−½) = −2√π; poles", () => {
    expect(logAbsGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 14);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(gammaSign(-2)).toBe(0);
    expect(logAbsGamma(0)).toBe(Infinity);
  });

  test("ln B(2, 3) = ln(1/12)", () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});

describe("digamma", () => {
  test("ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(x+1) = ψ(x) + 1/x", () => {
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 14);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 14);
    expect(digamma(3.7)).toBeCloseTo(digamma(2.7) + 1 / 2.7, 14);
    expect(digamma(50)).toBeCloseTo(3.9019896734278921, 13);
  });
});

describe("₂F₁(a, b; c; z)", () => {
  const rel = (got: number, want: number) => Math.abs(got / want - 1);

  test("₂F₁(1, 1; 2; z) = −ln(1−z)/z, including z close to 1 (c − a − b = 0, the degenerate case)", () => {
    for (const z of [0.1, 0.5, 0.75, 0.9]) expect(rel(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-14);
    for (const z of [0.99, 0.999999]) expect(rel(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-7);
  });

  test("₂F₁(a, b; b; z) = (1−z)^(−a)", () => {
    for (const z of [0.3, 0.8, 0.99, 0.9999]) expect(rel(hyp2f1(0.3, 1.7, 1.7, z), Math.pow(1 - z, -0.3))).toBeLessThan(1e-12);
  });

  test("₂F₁(½, ½; 3/2; z²) = arcsin(z)/z", () => {
    for (const z of [0.5, 0.9, 0.999]) expect(rel(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-12);
  });

  test("z < 0 (Pfaff): ₂F₁(1, 1; 2; −w) = ln(1+w)/w", () => {
    for (const w of [0.5, 20]) expect(rel(hyp2f1(1, 1, 2, -w), Math.log(1 + w) / w)).toBeLessThan(1e-13);
  });

  test("a polynomial when a is a negative integer: ₂F₁(−2, 3; 4; z) = 1 − 3z/2 + 3z²/5", () => {
    expect(hyp2f1(-2, 3, 4, 0.9)).toBeCloseTo(1 - 1.35 + 0.486, 14);
  });

  test("Gauss's sum near z = 1: ₂F₁(0.3, 0.4; 2; 1) = Γ(2)Γ(1.3)/(Γ(1.7)Γ(1.6))", () => {
    const want = Math.exp(logGamma(2) + logGamma(1.3) - logGamma(1.7) - logGamma(1.6));
    expect(rel(hyp2f1(0.3, 0.4, 2, 1 - 1e-12), want)).toBeLessThan(1e-9);
  });

  test("outside the domain: NaN, never Infinity", () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
  });
});
