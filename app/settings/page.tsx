import { redirect } from "next/navigation";

// GET /settings – the only settings page so far is Connected apps.
export default function SettingsPage() {
  redirect("/settings/connections");
}
