/** Never a blank pane: a render error becomes a message with a way back. */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { errorText } from "./errors";
import type { PaneStrings } from "./strings";

interface Props {
  strings: PaneStrings;
  children?: React.ReactNode;
}

export class ErrorBoundary extends React.Component<Props, { error: unknown }> {
  state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const s = this.props.strings;
    return (
      <MessageBar intent="error" layout="multiline" role="alert">
        <MessageBarBody>
          <MessageBarTitle>{s.somethingWrong}</MessageBarTitle>
          {errorText(error)}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => this.setState({ error: null })}>{s.tryAgain}</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
