"use client";
export { CloudProxyAgoraRTCProvider, type CloudProxyAgoraRTCProviderProps } from "./CloudProxyAgoraRTCProvider";
export { useJoin } from "./useJoin";
