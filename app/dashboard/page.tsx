export default function Overview() {
  return <h1 className="text-2xl font-semibold">Overview</h1>;
}
