// Stylesheets imported for their effect: esbuild writes them out beside the script (dashboard.css).
declare module "*.css";
