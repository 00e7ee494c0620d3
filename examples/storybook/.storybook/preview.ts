import type { Preview } from "@storybook/react-vite";
import "../src/stories.css";

const preview: Preview = {
  parameters: {
    layout: "padded",
    controls: { disable: true },
  },
};

export default preview;
