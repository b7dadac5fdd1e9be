/** A small inline-SVG Pareto curve: no chart library, readable by screen readers via its label. */
import * as React from "react";
import { tokens } from "@fluentui/react-components";
import { useStrings } from "./useLang";

const W = 260;
const H = 150;
const PAD = { left: 34, right: 8, top: 8, bottom: 24 };
/** Value-axis labels: [cumulative share, text, baseline nudge in px]. */
const Y_TICKS: readonly [number, string, number][] = [
  [1, "100%", 4],
  [0.8, "80%", 3],
  [0, "0", 3],
];

export function ParetoChart({ points, caption }: { points: [number, number][]; caption: string }) {
  const s = useStrings();
  const x = (f: number) => PAD.left + f * (W - PAD.left - PAD.right);
  const y = (f: number) => H - PAD.bottom - f * (H - PAD.top - PAD.bottom);
  const path = points.map(([cx, cy]) => `${x(cx).toFixed(1)},${y(cy).toFixed(1)}`).join(" ");
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={`${s.paretoTitle}: ${caption}`}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        style={{ maxWidth: W * 1.4 }}
      >
        <rect
          x={x(0)}
          y={y(1)}
          width={x(1) - x(0)}
          height={y(0) - y(1)}
          fill="none"
          stroke={tokens.colorNeutralStroke2}
        />
        {/* The 80 % value line and the 20 % customers line of the 80/20 rule. */}
        <line
          x1={x(0)}
          x2={x(1)}
          y1={y(0.8)}
          y2={y(0.8)}
          stroke={tokens.colorNeutralStroke1}
          strokeDasharray="3 3"
        />
        <line
          x1={x(0.2)}
          x2={x(0.2)}
          y1={y(0)}
          y2={y(1)}
          stroke={tokens.colorNeutralStroke1}
          strokeDasharray="3 3"
        />
        <line x1={x(0)} x2={x(1)} y1={y(0)} y2={y(1)} stroke={tokens.colorNeutralStroke3} />
        <polyline points={path} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} />
        {Y_TICKS.map(([share, label, dy]) => (
          <text
            key={label}
            x={PAD.left - 4}
            y={y(share) + dy}
            textAnchor="end"
            fontSize={9}
            fill={tokens.colorNeutralForeground3}
          >
            {label}
          </text>
        ))}
        <text
          x={x(0.2)}
          y={H - PAD.bottom + 11}
          textAnchor="middle"
          fontSize={9}
          fill={tokens.colorNeutralForeground3}
        >
          20%
        </text>
        <text x={x(0.5)} y={H - 3} textAnchor="middle" fontSize={9} fill={tokens.colorNeutralForeground3}>
          {s.paretoAxisCustomers}
        </text>
      </svg>
      <figcaption style={{ fontSize: tokens.fontSizeBase200 }}>{caption}</figcaption>
    </figure>
  );
}
