// Written by npm run train:recogniser: the identity of model/recogniser.json.gz.
export const MODEL_ID = "a403a0e26e4ac5f0";
