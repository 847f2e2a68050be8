export interface TokenResponse {
  result: "success";
  data: { access_token: string; refresh_token: string };
}

export interface Credentials {
  email: string;
  password: string;
  remember_me?: boolean;
}
