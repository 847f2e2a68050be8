// The monitoring feature's icon, drawn like the design system's (24px grid, Lucide style).
import { Icon, type IconProps } from "../../../components/ui/icons";

export const ChartIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 3v16a2 2 0 0 0 2 2h16" />
    <path d="M7 16l4-5 3 3 5-7" />
  </Icon>
);
