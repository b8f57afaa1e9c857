// Written by npm run train:recogniser: the identity of model/recogniser.json.gz.
export const MODEL_ID = "6575dadc8daded8d";
