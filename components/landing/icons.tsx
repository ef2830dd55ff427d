import { type ReactNode, type SVGProps, useId } from "react";

// Inline stroke icons: no icon font or emoji font is needed (machines here only have DejaVu), and they inherit colour.
function Icon({ children, ...props }: SVGProps<SVGSVGElement> & { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...props}>
      {children}
    </svg>
  );
}

type P = SVGProps<SVGSVGElement>;

export const TargetIcon = (p: P) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="9" />
    <circle cx="12" cy="12" r="5" />
    <circle cx="12" cy="12" r="1.5" />
  </Icon>
);

export const SparklesIcon = (p: P) => (
  <Icon {...p}>
    <path d="M12 3l1.8 4.7L18.5 9.5l-4.7 1.8L12 16l-1.8-4.7L5.5 9.5l4.7-1.8z" />
    <path d="M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z" />
  </Icon>
);

export const RepeatIcon = (p: P) => (
  <Icon {...p}>
    <path d="M17 2l4 4-4 4" />
    <path d="M3 11V9a3 3 0 0 1 3-3h15" />
    <path d="M7 22l-4-4 4-4" />
    <path d="M21 13v2a3 3 0 0 1-3 3H3" />
  </Icon>
);

export const GaugeIcon = (p: P) => (
  <Icon {...p}>
    <path d="M3 20h18" />
    <path d="M6 16V11" />
    <path d="M10 16V7" />
    <path d="M14 16v-5" />
    <path d="M18 16V4" />
  </Icon>
);

export const BellIcon = (p: P) => (
  <Icon {...p}>
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </Icon>
);

export const BoltIcon = (p: P) => (
  <Icon {...p}>
    <path d="M13 2L3 14h9l-1 8 10-12h-9z" />
  </Icon>
);

export const ArrowRightIcon = (p: P) => (
  <Icon {...p}>
    <path d="M5 12h14" />
    <path d="M13 6l6 6-6 6" />
  </Icon>
);

export const TerminalIcon = (p: P) => (
  <Icon {...p}>
    <path d="M4 17l6-5-6-5" />
    <path d="M12 19h8" />
  </Icon>
);

/** The Doitong mark: a play triangle inside a rounded square (video first, everything else alongside). */
export function LogoMark({ className }: { className?: string }) {
  // The mark appears in the header and the footer; each gradient needs its own id.
  const id = useId();
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <defs>
        <linearGradient id={id} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#818cf8" />
          <stop offset="1" stopColor="#c026d3" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill={`url(#${id})`} />
      <path d="M12.5 9.5v13l10-6.5z" fill="#fff" />
    </svg>
  );
}
