import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Doitong — one API for AI video, images, avatars and speech",
  description: "One GraphQL API in front of 30+ generation models: text-to-video, text-to-image, image-to-video, avatars and TTS.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased">{children}</body>
    </html>
  );
}
