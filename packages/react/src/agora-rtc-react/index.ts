"use client";
export { CloudProxyAgoraRTCProvider, type CloudProxyAgoraRTCProviderProps } from "./CloudProxyAgoraRTCProvider";
