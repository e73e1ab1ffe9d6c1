# Build with the Maven wrapper on JDK 25, run on a JRE 25.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/connections-console-*.jar extract --destination /app

FROM eclipse-temurin:25-jre
RUN useradd --system --home /app console
WORKDIR /app
COPY --from=build /app /app
# The JVM options of the console in production (see the file).
COPY bin/jvm.options /app/jvm.options
# Ahead-of-time processed beans, plus the JVM's AOT cache from a training run (classes loaded and linked, method
# profiles), shorten every start. The cache belongs to this image's JVM and options, so it is trained here with them.
COPY bin/train-aot.sh /usr/local/bin/train-aot.sh
RUN train-aot.sh /app
# The embedded default keeps its database under /app/data, which the console's user owns.
RUN mkdir -p /app/data && chown console /app/data
USER console
EXPOSE 8080
# Arguments after the image's name go to the console (docker run IMAGE --server.port=9090).
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options -Dspring.aot.enabled=true -XX:AOTCache=/app/app.aot $JAVA_OPTS -jar /app/connections-console-*.jar \"$@\"", "sh"]
