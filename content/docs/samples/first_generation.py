import os

from doitong import Doitong

client = Doitong(api_key=os.environ["DOITONG_API_KEY"], base_url=os.environ["DOITONG_URL"])

started = client.generate({"type": "IMAGE", "input": {"text": "A lighthouse at dawn"}})
print("started", started.id, "on", started.provider)

done = client.wait(started.id, on_progress=lambda g: print(g.status.value, f"{g.progress}%"))
client.download(done, "lighthouse.png")
print("saved lighthouse.png")
